from multiprocessing import Manager,Process,Lock
def main(dic,lock):
    # with lock:可以这样写,也可以写成下面的样子
    lock.acquire()
    dic['count'] -= 1
    lock.release()
if __name__ == '__main__':
    m = Manager()
    l = Lock()
    dic=m.dict({'count':100})
    p_lst = []
    for i in range(50):
        p = Process(target=main,args=(dic,l))
        p.start()
        p_lst.append(p)
    for i in p_lst:
        i.join()
    print('主进程',dic)
