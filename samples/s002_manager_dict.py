from multiprocessing import Manager,Process
def main(dic):
    dic['count'] -= 1
    # print(dic)
if __name__ == '__main__':
    m = Manager()#为这个manager类注册存储容器,也就是通过这个manager类实现的共享的变量
    dic=m.dict({'count':100})
    p_lst = []
    for i in range(50):
        p = Process(target=main, args=(dic,))
        p_lst.append(p)
        p.start()
    for p in p_lst:
        p.join()
    print("主进程",dic['count'])
