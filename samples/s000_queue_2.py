#创建共享队列2.py
from multiprocessing import Process,current_process,Queue
def product(q):#生产数据
    for var in range(5):
        q.put(var,block=False)#非阻塞 
def custom(q):#消费数据
    for var in range(5):
        i = q.get(block=False)#非阻塞
        print('%s取到的数据:%s' % (current_process().name,i))
def main():
    q = Queue(5) #创建共享队列
    p1 = Process(target=product,name='生产进程',args=(q,))
    p2 = Process(target=custom,name='消费进程',args=(q,))
    p1.start(),p2.start(),p1.join(),p2.join()
if __name__ == "__main__":
    main()
